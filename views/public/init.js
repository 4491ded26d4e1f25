// Progressive enhancement only: every page works without this file.
import { initAll } from '/assets/govuk-frontend.min.js';

initAll();
if (document.querySelector('form[data-autosave]')) import('/public/autosave.js');
