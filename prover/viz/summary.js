// Sorting and filtering for the run summary; the table itself is plain HTML and works without this.
"use strict";
(function () {
  const table = document.getElementById("theorems");
  const body = table.tBodies[0];
  const filter = document.getElementById("filter");
  const shown = document.getElementById("shown");
  sortableByColumn(table);
  function apply() {
    const q = filter.value.trim().toLowerCase();
    let n = 0;
    for (const row of body.rows) {
      const hit = !q || row.textContent.toLowerCase().includes(q);
      row.hidden = !hit;
      n += hit;
    }
    shown.textContent = q ? `${n} shown` : "";
  }
  filter.addEventListener("input", apply);
  document.body.dataset.ready = "1";
})();
