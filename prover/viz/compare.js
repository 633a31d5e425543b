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
