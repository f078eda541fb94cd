// The export page's "Alles selecteren": checks or clears every column of the export,
// and shows whether all columns are checked (half checked when only some are), also
// when the page comes back with an error and the columns as they were sent.
// Bound here, not in an onchange attribute, because the site's Content-Security-Policy
// runs no inline script.
document.addEventListener("DOMContentLoaded", () => {
  const kolommen = () => {
    // The columns of the chosen kind of data (a select when there are several).
    const soort = document.querySelector("#id_resource");
    const index = soort && soort.tagName === "SELECT" ? soort.value : null;
    return [
      ...document.querySelectorAll(
        '.selectable-field-export-row input[type="checkbox"]:not([data-alle-kolommen])'
      ),
    ].filter(
      (vakje) =>
        index === null ||
        vakje.closest("[resource-index]").getAttribute("resource-index") === index
    );
  };

  document.querySelectorAll("[data-alle-kolommen]").forEach((schakelaar) => {
    const bijwerken = () => {
      const aangevinkt = kolommen().filter((vakje) => vakje.checked).length;
      schakelaar.checked = aangevinkt > 0 && aangevinkt === kolommen().length;
      schakelaar.indeterminate = aangevinkt > 0 && !schakelaar.checked;
    };

    schakelaar.addEventListener("change", () => {
      kolommen().forEach((vakje) => {
        vakje.checked = schakelaar.checked;
      });
      schakelaar.indeterminate = false;
    });
    document
      .querySelectorAll('.selectable-field-export-row input[type="checkbox"]:not([data-alle-kolommen])')
      .forEach((vakje) => vakje.addEventListener("change", bijwerken));
    const soort = document.querySelector("#id_resource");
    if (soort) soort.addEventListener("input", bijwerken);
    bijwerken();
  });
});
