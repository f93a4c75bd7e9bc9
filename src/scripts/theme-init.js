// Runs in <head> before the first paint, as a classic script from the site's own _astro/ folder
// (the Content-Security-Policy allows no inline script): the scheme the reader picked with the theme
// button, if any, so the page never flashes the other one. Without it the system's scheme applies.
try {
  const theme = localStorage.getItem('feedshelf-theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
  // Storage refused (private mode, blocked cookies): the system's scheme.
}
