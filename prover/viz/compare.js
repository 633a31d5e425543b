// Sorting, the outcome buttons (both / only A / only B / neither) and the text filter of the comparison
// page; the table itself is plain HTML and reads without this.
"use strict";
(function () {
  const table = document.getElementById("theorems");
  const body = table.tBodies[0];
  const filter = document.getElementById("filter");
  const shown = document.getElementById("shown");
  const buttons = [...document.querySelectorAll(".cat-filter")];
  let category = "";
  sortableByColumn(table);
  function apply() {
    const q = filter.value.trim().toLowerCase();
    let n = 0;
    for (const row of body.rows) {
      const hit = (!category || row.dataset.cat === category) && (!q || row.cells[0].textContent.toLowerCase().includes(q) ||
        row.cells[1].textContent.toLowerCase().includes(q) || row.cells[2].textContent.toLowerCase().includes(q));
      row.hidden = !hit;
      n += hit;
    }
    shown.textContent = q || category ? `${n} shown` : "";
  }
  for (const b of buttons) {
    b.addEventListener("click", () => {
      category = b.dataset.cat;
      for (const x of buttons) x.classList.toggle("active", x === b);
      apply();
    });
  }
  filter.addEventListener("input", apply);
  document.body.dataset.ready = "1";
})();
