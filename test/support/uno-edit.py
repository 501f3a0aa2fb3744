# Edits cells of a workbook in a running LibreOffice (UNO over a pipe) and saves it as .xlsx:
#   python3 uno-edit.py PIPE IN.xlsx OUT.xlsx SHEET CELL TEXT [SHEET CELL TEXT ...]
import sys, time, uno
from com.sun.star.beans import PropertyValue
def prop(n, v):
    p = PropertyValue(); p.Name = n; p.Value = v; return p
pipe, src, out = sys.argv[1:4]
edits = sys.argv[4:]
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
for _ in range(120):
    try:
        ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"); break
    except Exception:
        time.sleep(0.5)
else:
    sys.exit("LibreOffice did not answer")
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True),))
for i in range(0, len(edits), 3):
    sheet, cell, text = edits[i:i + 3]
    doc.Sheets.getByName(sheet).getCellRangeByName(cell).String = text
doc.storeToURL(uno.systemPathToFileUrl(out), (prop("FilterName", "Calc MS Excel 2007 XML"),))
doc.close(True)
try:
    desktop.terminate()
except Exception:
    pass
