// Progressive enhancement only: with JavaScript on, a score form marked data-autosave saves a
// draft on the server a few seconds after the member stops typing or changes their choice. The
// page works the same without it (the Save buttons do everything).
const DELAY_MS = 4000;

function setUp(form) {
  const status = form.querySelector('#autosave-status');
  const version = form.querySelector('input[name="version"]');
  let lastSaved = new URLSearchParams(new FormData(form)).toString();
  let timer = null;
  let stopped = false;

  const say = (text) => {
    if (status) status.textContent = text;
  };

  async function save() {
    timer = null;
    const body = new URLSearchParams(new FormData(form));
    body.delete('action');
    body.append('action', 'autosave');
    const current = new URLSearchParams(new FormData(form)).toString();
    if (stopped || current === lastSaved) return;
    try {
      const response = await fetch(form.action, { method: 'POST', body, headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      const answer = await response.json();
      if (response.ok) {
        if (version && typeof answer.version === 'number') version.value = String(answer.version);
        lastSaved = new URLSearchParams(new FormData(form)).toString();
        if (answer.saved) say(`Draft saved at ${new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`);
      } else if (answer.problem === 'conflict') {
        stopped = true;
        say('This score was changed in another tab or window. Press a Save button to see both versions.');
      } else if (answer.problem === 'signed-out') {
        stopped = true;
        say('You have been signed out. Press a Save button: what you typed will be kept.');
      }
    } catch {
      // Offline or the server is away: the Save buttons still work, and the next change tries again.
    }
  }

  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, DELAY_MS);
  };
  form.addEventListener('input', later);
  form.addEventListener('change', later);
  form.addEventListener('submit', () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  });
}

document.querySelectorAll('form[data-autosave]').forEach(setUp);
