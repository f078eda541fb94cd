// The export page's "Alles selecteren": checks or clears every column of the export.
// Bound here, not in an onchange attribute, because the site's Content-Security-Policy
// runs no inline script.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-alle-kolommen]").forEach((schakelaar) => {
    schakelaar.addEventListener("change", () => {
      document
        .querySelectorAll('.selectable-field-export-row input[type="checkbox"]')
        .forEach((vakje) => {
          vakje.checked = schakelaar.checked;
        });
    });
  });
});
