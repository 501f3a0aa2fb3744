/** The Apps Script globals the local runtime puts in the script's context, one set per execution. */
import { LocalHtmlService } from "./html";
import { LocalLockService } from "./lock";
import { LocalConsole, LocalLogger } from "./logger";
import { LocalMailApp } from "./mail";
import { LocalPropertiesService } from "./properties";
import { LocalScriptApp } from "./script-app";
import { LocalSession } from "./session";
import { LocalSpreadsheetApp } from "./spreadsheet";
import type { RuntimeState } from "./state";
import { LocalUtilities } from "./utilities";

export function createServices(state: RuntimeState) {
	return {
		SpreadsheetApp: new LocalSpreadsheetApp(state),
		MailApp: new LocalMailApp(state),
		ScriptApp: new LocalScriptApp(state),
		PropertiesService: new LocalPropertiesService(state),
		LockService: new LocalLockService(state),
		Session: new LocalSession(state),
		Utilities: new LocalUtilities(state),
		HtmlService: new LocalHtmlService(state),
		Logger: new LocalLogger(state),
		console: new LocalConsole(state),
	};
}

export type Services = ReturnType<typeof createServices>;
