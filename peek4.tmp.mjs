import ExcelJS from "exceljs";
const wb = new ExcelJS.Workbook();
await wb.xlsx.readFile(process.argv[2]);
const ws = wb.getWorksheet("集計");
console.log(ws.columns.map(c=>Math.round((c.width*7+5))).join(" "));
