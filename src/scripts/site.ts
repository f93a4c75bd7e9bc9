/**
 * The script every page loads (a module from the site's _astro/ folder): the
 * theme button, which switches between the light and the dark scheme and
 * remembers the choice (theme-init.js applies it before the next page's
 * first paint), and a copy button on every code block. Their words are the
 * site's language, read from data- attributes the layout writes (the CSP
 * allows no inline script to hand them over), English when one is missing.
 */

const THEME_KEY = 'feedshelf-theme';

function currentTheme(): 'light' | 'dark' {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function labelThemeButton(button: HTMLButtonElement): void {
  const dark = currentTheme() === 'dark';
  const words = button.dataset;
  button.setAttribute('aria-pressed', String(dark));
  button.textContent = dark ? (words.light ?? 'Light theme') : (words.dark ?? 'Dark theme');
  button.title = dark ? (words.toLight ?? 'Switch to the light theme') : (words.toDark ?? 'Switch to the dark theme');
}

function setUpThemeButton(): void {
  const button = document.querySelector<HTMLButtonElement>('#theme-toggle');
  if (!button) return;
  labelThemeButton(button);
  // Its room was kept while it waited (nothing moves when it appears); now it can be used.
  button.classList.add('ready');
  button.removeAttribute('aria-hidden');
  button.removeAttribute('tabindex');
  button.addEventListener('click', () => {
    const next = currentTheme() === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    try {
      localStorage.setItem(THEME_KEY, next);
    } catch {
      // Not remembered: this page still switches.
    }
    labelThemeButton(button);
  });
}

/** The text of a code block as written: its lines, without the copy button's own label. */
function codeText(pre: HTMLElement): string {
  return (pre.querySelector('code') ?? pre).textContent ?? '';
}

function setUpCopyButtons(): void {
  if (!navigator.clipboard) return;
  const words = document.body.dataset;
  const copy = words.copy ?? 'Copy';
  for (const pre of document.querySelectorAll<HTMLElement>('.article-body pre')) {
    const wrapper = document.createElement('div');
    wrapper.className = 'code-block';
    pre.replaceWith(wrapper);
    wrapper.append(pre);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-code';
    button.textContent = copy;
    button.setAttribute('aria-label', words.copyLabel ?? 'Copy the code');
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(codeText(pre));
        button.textContent = words.copied ?? 'Copied';
      } catch {
        button.textContent = words.copyFailed ?? 'Copy failed';
      }
      setTimeout(() => {
        button.textContent = copy;
      }, 2000);
    });
    wrapper.append(button);
  }
}

setUpThemeButton();
setUpCopyButtons();
