// Sorts a table by the column whose header is clicked: numbers by data-value, text as shown.
(function () {
  "use strict";
  function cellValue(row, column, numeric) {
    var cell = row.children[column];
    if (!cell) return numeric ? -Infinity : "";
    var raw = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
    return numeric ? (raw === "" ? -Infinity : Number(raw)) : raw;
  }

  document.querySelectorAll("table.sortable th[data-sort]").forEach(function (header) {
    header.addEventListener("click", function () {
      var table = header.closest("table");
      var body = table.tBodies[0];
      var column = Array.prototype.indexOf.call(header.parentNode.children, header);
      var numeric = header.getAttribute("data-sort") === "num";
      var ascending = !header.classList.contains("asc");
      table.querySelectorAll("th").forEach(function (other) { other.classList.remove("asc", "desc"); });
      header.classList.add(ascending ? "asc" : "desc");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = cellValue(a, column, numeric), y = cellValue(b, column, numeric);
        var order = numeric ? x - y : String(x).localeCompare(String(y), "zh");
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
