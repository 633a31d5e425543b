// Click-to-sort table headers shared by the run summary and the comparison page: a header click sorts
// the body rows by that column (cells' data-sort when present, numbers numerically), toggling asc/desc.
"use strict";
function sortableByColumn(table) {
  const body = table.tBodies[0];
  const key = (row, i) => {
    const cell = row.cells[i];
    const v = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent;
    const n = Number(v);
    return v !== "" && !Number.isNaN(n) ? n : v.toLowerCase();
  };
  [...table.tHead.rows[0].cells].forEach((th, i) => {
    th.addEventListener("click", () => {
      const asc = !th.classList.contains("asc");
      for (const h of table.tHead.rows[0].cells) h.classList.remove("asc", "desc");
      th.classList.add(asc ? "asc" : "desc");
      const rows = [...body.rows].sort((a, b) => {
        const x = key(a, i), y = key(b, i);
        return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
      });
      body.replaceChildren(...rows);
    });
  });
}
