# Does a list of jobs in a LibreOffice that keeps running (UNO over a pipe), so that one office
# serves a whole scenario:  python3 uno-jobs.py PIPE JOBS.json
# JOBS.json is a list of
#   {"new": OUT, "sheet": NAME, "cells": [...]}              a new Calc document saved as .xlsx
#   {"edit": IN, "out": OUT, "cells": [...]}                 cells typed, saved as .xlsx
#   {"save": IN, "out": OUT, "filter": F, "password": P?}    saved with filter F, encrypted if P
# where a cell is {"sheet": S, "a1": "B2", "text": T, "typed": bool}: typed text is entered as a
# person types it (numbers become numbers), otherwise it is set as a string.
import json, sys, time, uno
from com.sun.star.beans import NamedValue, PropertyValue
def prop(n, v):
    p = PropertyValue(); p.Name = n; p.Value = v; return p
def named(n, v):
    p = NamedValue(); p.Name = n; p.Value = v; return p
XLSX = "Calc MS Excel 2007 XML"
pipe, jobs_file = sys.argv[1:3]
with open(jobs_file, encoding="utf-8") as f:
    jobs = json.load(f)
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
for _ in range(240):
    try:
        ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"); break
    except Exception:
        time.sleep(0.5)
else:
    sys.exit("LibreOffice did not answer")
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
hidden = (prop("Hidden", True),)
def load(path):
    return desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, hidden)
def type_cells(doc, cells):
    for c in cells:
        cell = doc.Sheets.getByName(c["sheet"]).getCellRangeByName(c["a1"])
        if c.get("typed"):
            cell.Formula = c["text"]
        else:
            cell.String = c["text"]
def store(doc, out, filt=XLSX, password=None):
    props = [prop("FilterName", filt)]
    if password and "2007" in filt:
        data = uno.Any("[]com.sun.star.beans.NamedValue", (named("OOXPassword", password), named("CryptoType", "Standard")))
        props.append(prop("EncryptionData", data))
    elif password:
        props.append(prop("Password", password))
    uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(out), uno.Any("[]com.sun.star.beans.PropertyValue", tuple(props))))
    doc.close(True)
for job in jobs:
    if "new" in job:
        doc = desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, hidden)
        doc.Sheets.getByIndex(0).Name = job["sheet"]
        type_cells(doc, job.get("cells", []))
        store(doc, job["new"])
    elif "edit" in job:
        doc = load(job["edit"])
        type_cells(doc, job["cells"])
        store(doc, job["out"])
    else:
        doc = load(job["save"])
        store(doc, job["out"], job["filter"], job.get("password"))
