/**
 * HtmlService for the local runtime: HTML outputs are plain content holders; the Ui records
 * their content when shown.
 *
 * Reference: https://developers.google.com/apps-script/reference/html/html-service
 *            https://developers.google.com/apps-script/reference/html/html-output
 */
import { GasError, type RuntimeState } from "./state";
import { LocalBlob } from "./utilities";

type HtmlServiceApi = Pick<
	GoogleAppsScript.HTML.HtmlService,
	"createHtmlOutput"
>;
type HtmlOutputApi = GoogleAppsScript.HTML.HtmlOutput;

/** The minimum the Ui needs from an HTML output to show it. */
export interface ShowableHtml {
	getContent(): string;
	getTitle(): string;
}

function escapeHtml(text: string): string {
	return text
		.replace(/&/g, "&amp;")
		.replace(/</g, "&lt;")
		.replace(/>/g, "&gt;")
		.replace(/"/g, "&quot;")
		.replace(/'/g, "&#39;");
}

export class LocalHtmlMetaTag
	implements GoogleAppsScript.HTML.HtmlOutputMetaTag
{
	constructor(
		private readonly name: string,
		private readonly content: string,
	) {}

	toString(): string {
		return "HtmlOutputMetaTag";
	}

	getName(): string {
		return this.name;
	}

	getContent(): string {
		return this.content;
	}
}

export class LocalHtmlOutput implements HtmlOutputApi {
	private content: string;
	private title = "";
	private faviconUrl = "";
	private readonly metaTags: LocalHtmlMetaTag[] = [];
	// The reference gives no defaults for the size; unset reads as null here.
	private width: number | null = null;
	private height: number | null = null;

	constructor(html = "") {
		this.content = html;
	}

	toString(): string {
		return "HtmlOutput";
	}

	/** "Appends new content to the content of this HtmlOutput. Use this only for content from a trusted source." */
	append(addedContent: string): LocalHtmlOutput {
		this.content += String(addedContent);
		return this;
	}

	/** "Appends new content to the content of this HtmlOutput, using contextual escaping." */
	appendUntrusted(addedContent: string): LocalHtmlOutput {
		this.content += escapeHtml(String(addedContent));
		return this;
	}

	clear(): LocalHtmlOutput {
		this.content = "";
		return this;
	}

	getContent(): string {
		return this.content;
	}

	setContent(content: string): LocalHtmlOutput {
		this.content = String(content);
		return this;
	}

	getTitle(): string {
		return this.title;
	}

	/** "Sets the title of the output page. For dialogs, it sets the dialog title" unless given. */
	setTitle(title: string): LocalHtmlOutput {
		this.title = String(title);
		return this;
	}

	getWidth(): number {
		return this.width as number;
	}

	setWidth(width: number): LocalHtmlOutput {
		this.width = width;
		return this;
	}

	getHeight(): number {
		return this.height as number;
	}

	setHeight(height: number): LocalHtmlOutput {
		this.height = height;
		return this;
	}

	addMetaTag(name: string, content: string): LocalHtmlOutput {
		this.metaTags.push(new LocalHtmlMetaTag(String(name), String(content)));
		return this;
	}

	getMetaTags(): LocalHtmlMetaTag[] {
		return [...this.metaTags];
	}

	getFaviconUrl(): string {
		return this.faviconUrl;
	}

	setFaviconUrl(iconUrl: string): LocalHtmlOutput {
		this.faviconUrl = String(iconUrl);
		return this;
	}

	/** Sandbox modes other than IFRAME are ignored by Apps Script today; nothing to emulate. */
	setSandboxMode(_mode: GoogleAppsScript.HTML.SandboxMode): LocalHtmlOutput {
		return this;
	}

	setXFrameOptionsMode(
		_mode: GoogleAppsScript.HTML.XFrameOptionsMode,
	): LocalHtmlOutput {
		return this;
	}

	/** The content as a text/html blob named after the title. */
	getBlob(): LocalBlob {
		return new LocalBlob(
			Buffer.from(this.content, "utf8"),
			"text/html",
			this.title || null,
		);
	}

	getAs(contentType: string): LocalBlob {
		return this.getBlob().getAs(contentType);
	}

	asTemplate(): GoogleAppsScript.HTML.HtmlTemplate {
		throw new GasError(
			"HtmlOutput.asTemplate is not supported by the local runtime.",
		);
	}
}

export class LocalHtmlService implements HtmlServiceApi {
	// Built from the RuntimeState like every service, though nothing here reads it.
	// biome-ignore lint/complexity/noUselessConstructor: keeps the (state) constructor of every service
	constructor(_state?: RuntimeState) {}

	toString(): string {
		return "HtmlService";
	}

	/** createHtmlOutput(), createHtmlOutput(html) or createHtmlOutput(blob). */
	createHtmlOutput(
		html?: string | GoogleAppsScript.Base.BlobSource,
	): LocalHtmlOutput {
		if (html === undefined || html === null) return new LocalHtmlOutput();
		if (typeof html === "object" && typeof html.getBlob === "function") {
			return new LocalHtmlOutput(html.getBlob().getDataAsString());
		}
		return new LocalHtmlOutput(String(html));
	}
}
