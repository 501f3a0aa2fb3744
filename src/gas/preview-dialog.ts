/** The reminder preview as a dialog: what would be sent today, to whom; nothing is sent. */
import { escapeHtml } from "../domain";
import type { ReminderRunResult } from "./reminders";

export function showPreview(result: ReminderRunResult): void {
	const rows = result.planned
		.map(
			(p) =>
				`<tr><td>${escapeHtml(p.department)}</td><td>${escapeHtml(p.kind)}</td><td>${escapeHtml(p.to.join(", "))}</td><td>${escapeHtml(p.cc.join(", "))}</td><td style="text-align:right">${p.missing}</td></tr>`,
		)
		.join("");
	const skipped = result.skipped
		.map((s) => `<li>${escapeHtml(s.department)}：${escapeHtml(s.reason)}</li>`)
		.join("");
	const html = `<div style="font-family:sans-serif;font-size:13px">
<p>${escapeHtml(result.reason)}</p>
${
	result.planned.length > 0
		? `<p>本日（${escapeHtml(result.date)}）送信する催促メール：${result.planned.length}件。<b>まだ送信していません。</b></p>
<table border="1" cellspacing="0" cellpadding="4"><tr><th>課名</th><th>種別</th><th>宛先</th><th>CC</th><th>未入力件数</th></tr>${rows}</table>`
		: "<p>本日送信する催促メールはありません。</p>"
}
${skipped ? `<p>送信しない担当課：</p><ul>${skipped}</ul>` : ""}
</div>`;
	SpreadsheetApp.getUi().showModalDialog(
		HtmlService.createHtmlOutput(html).setWidth(760).setHeight(480),
		"催促メールのプレビュー",
	);
}
