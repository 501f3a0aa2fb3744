/**
 * The local classes implement only the part of each Apps Script interface the product uses
 * (`Pick<…>`), so where the real API returns a full `Sheet`/`Range`/… we hand out our object
 * typed as the real interface. `gas()` is that single, deliberate cast.
 */
export function gas<T>(value: object): T {
	return value as unknown as T;
}
