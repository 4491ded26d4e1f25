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
      const answer = await response.json().catch(() => ({}));
      if (response.ok && typeof answer.version === 'number') {
        if (version) version.value = String(answer.version);
        lastSaved = new URLSearchParams(new FormData(form)).toString();
        // The same words each time, so a screen reader does not announce every save.
        if (answer.saved) say('Your draft is saved.');
        return;
      }
      stopped = true;
      if (answer.problem === 'conflict') say('This score was changed on another screen. Press a Save button to see both versions.');
      else if (answer.problem === 'signed-out') say('You have been signed out. Press a Save button: what you typed will be kept.');
      else if (answer.problem === 'expired') say('This page is out of date. Press a Save button: what you typed will be kept.');
      else say('Your draft could not be saved just now. Press a Save button to save it.');
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
