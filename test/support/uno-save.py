# Saves a workbook in another format from a running LibreOffice (UNO over a pipe), optionally
# encrypted with a password as LibreOffice's 「パスワード付きで保存」 does:
#   python3 uno-save.py PIPE IN OUT FILTER [PASSWORD]
# FILTER is a LibreOffice filter name ("Calc MS Excel 2007 XML", "calc8", "MS Excel 97", …).
# For OOXML the password goes in EncryptionData (OOXPassword, CryptoType Standard: the ECMA-376
# standard encryption LibreOffice 7.4 writes); for the other formats in Password.
import sys, time, uno
from com.sun.star.beans import NamedValue, PropertyValue
def prop(n, v):
    p = PropertyValue(); p.Name = n; p.Value = v; return p
def named(n, v):
    p = NamedValue(); p.Name = n; p.Value = v; return p
pipe, src, out, filt = sys.argv[1:5]
password = sys.argv[5] if len(sys.argv) > 5 else None
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
props = [prop("FilterName", filt)]
if password and "2007" in filt:
    data = uno.Any("[]com.sun.star.beans.NamedValue", (named("OOXPassword", password), named("CryptoType", "Standard")))
    props.append(prop("EncryptionData", data))
elif password:
    props.append(prop("Password", password))
uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(out), uno.Any("[]com.sun.star.beans.PropertyValue", tuple(props))))
doc.close(True)
try:
    desktop.terminate()
except Exception:
    pass
