// The console's progressive enhancement: every page reads and every form posts without it. It adds a
// confirmation before destructive actions, a Copy button for the sources.yaml entry, and a busy state on
// buttons whose action takes a moment. Loaded from this server only (the content security policy allows
// nothing else).
/* global document, window, navigator */
'use strict';

document.addEventListener('submit', (event) => {
  const form = event.target;
  const button = event.submitter;
  const question = button && button.getAttribute('data-confirm');
  if (question && !window.confirm(question)) {
    event.preventDefault();
    return;
  }
  if (button && form.method.toLowerCase() === 'post') {
    // One click, one action: a second click while the first is posting would act twice.
    window.setTimeout(() => {
      button.disabled = true;
      button.setAttribute('aria-busy', 'true');
    }, 0);
  }
});

for (const button of document.querySelectorAll('button[data-copy]')) {
  const source = document.getElementById(button.getAttribute('data-copy'));
  if (!source || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(source.textContent);
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Select the text to copy';
    }
  });
}

// A Check fetches the feed and a few pages: say so while the next page loads.
for (const form of document.querySelectorAll('form[action$="/check"], form[action="/add"]')) {
  form.addEventListener('submit', () => {
    const button = form.querySelector('button[type="submit"]');
    if (button) {
      button.setAttribute('aria-busy', 'true');
      button.textContent = 'Working…';
    }
  });
}
