'use strict';
// Every site form (docs/design.md, "Forms"): a page that comes back with errors puts the
// keyboard on the first field in error, and a link of the error summary moves the focus to
// its field (a fragment alone scrolls but leaves the focus where it was).
(function () {
  function veldVan(link) {
    const id = decodeURIComponent(link.getAttribute('href').slice(1));
    return id ? document.getElementById(id) : null;
  }
  function start() {
    const eerste = document.querySelector('main [aria-invalid="true"]');
    if (eerste && !eerste.disabled) {
      eerste.focus();
    }
    document.querySelectorAll('.foutenoverzicht a[href^="#"]').forEach(function (link) {
      link.addEventListener('click', function (event) {
        const veld = veldVan(link);
        if (!veld) return;
        event.preventDefault();
        veld.focus();
        veld.scrollIntoView({ block: 'center' });
      });
    });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
