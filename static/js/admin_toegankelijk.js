'use strict';
// Django's autocomplete fields (select2) draw a combobox that screen readers cannot name:
// it points to its own text, empty until something is chosen. Name it by its field's label
// (a form's <label>, or a tabular inline's column heading), also in rows added later.
(function () {
  let teller = 0;
  function metId(element) {
    if (!element.id) {
      teller += 1;
      element.id = 'naam-keuzevak-' + teller;
    }
    return element.id;
  }
  function kop(select) {
    const label = document.querySelector('label[for="' + select.id + '"]');
    if (label) return label;
    const cel = select.closest('td');
    const tabel = cel && cel.closest('table');
    const veld = cel && Array.from(cel.classList).find(function (c) { return c.startsWith('field-'); });
    return tabel && veld ? tabel.querySelector('th.column-' + veld.slice(6)) : null;
  }
  function benoem() {
    document.querySelectorAll('.select2-selection[role="combobox"]:not([data-benoemd])').forEach(function (vak) {
      const houder = vak.closest('.select2');
      const select = houder && houder.previousElementSibling;
      const label = select && select.id ? kop(select) : null;
      if (!label) return;
      const eigen = vak.getAttribute('aria-labelledby');
      vak.setAttribute('aria-labelledby', metId(label) + (eigen ? ' ' + eigen : ''));
      // Its text (role textbox) is named by the same label.
      const tekst = vak.querySelector('.select2-selection__rendered[role="textbox"]');
      if (tekst) tekst.setAttribute('aria-labelledby', label.id);
      vak.setAttribute('data-benoemd', '');
    });
  }
  // A box that scrolls sideways (an inline's table on a phone) takes the keyboard's focus,
  // so it can be scrolled with the arrow keys.
  function scrollbaar() {
    document.querySelectorAll('.inline-group, .results, .module').forEach(function (vak) {
      if (vak.scrollWidth > vak.clientWidth && !vak.hasAttribute('tabindex')) {
        vak.setAttribute('tabindex', '0');
      }
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    benoem();
    scrollbaar();
    window.addEventListener('resize', scrollbaar);
    new MutationObserver(benoem).observe(document.body, { childList: true, subtree: true });
  });
})();
