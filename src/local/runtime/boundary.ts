/**
 * The boundary between the script's realm (a node:vm context holding only Apps Script's
 * globals) and the runtime's service objects in Node's realm.
 *
 * - Every method call on a service object is counted (CallCounter) and may be made to fail.
 * - Values crossing in either direction are copied into the receiving realm, so the script sees
 *   its own `Date`, `Array` and `Error` (its `instanceof` checks work as on Google) and can never
 *   mutate the runtime's state except through the service methods.
 * - Errors thrown by a service reach the script as its own `Error` named "Exception", with the
 *   message Apps Script would show.
 */
import type { CallCounter } from "./calls";

interface Realm {
	Array: ArrayConstructor;
	Date: DateConstructor;
	Error: ErrorConstructor;
	Object: ObjectConstructor;
}

const isDate = (v: object): v is Date =>
	Object.prototype.toString.call(v) === "[object Date]";

function isPlainObject(v: object): boolean {
	const proto = Object.getPrototypeOf(v);
	return (
		proto === null ||
		proto === Object.prototype ||
		Object.getPrototypeOf(proto) === null
	);
}

export class Boundary {
	private readonly proxies = new WeakMap<object, object>();
	private readonly targets = new WeakMap<object, object>();

	constructor(
		private readonly realm: Realm,
		private readonly counter: CallCounter,
	) {}

	/** A runtime value as the script should see it. */
	toScript(value: unknown): unknown {
		if (
			value === null ||
			(typeof value !== "object" && typeof value !== "function")
		)
			return value;
		if (typeof value === "function") return value;
		const v = value as object;
		// Arrays first: getValues() of 50,000 rows is 50,000 of them, mostly of primitives.
		if (Array.isArray(v)) {
			const out = new this.realm.Array(v.length);
			for (let i = 0; i < v.length; i++) {
				const item: unknown = v[i];
				out[i] =
					item === null || typeof item !== "object"
						? item
						: this.toScript(item);
			}
			return out;
		}
		if (this.targets.has(v)) return v; // already a script-side proxy
		if (isDate(v)) return new this.realm.Date(v.getTime());
		if (isPlainObject(v)) {
			const out = new this.realm.Object() as Record<string, unknown>;
			for (const [k, item] of Object.entries(v)) out[k] = this.toScript(item);
			return out;
		}
		return this.serviceProxy(v);
	}

	/** A script value as the runtime should receive it. */
	toHost(value: unknown): unknown {
		if (value === null || typeof value !== "object") return value;
		const v = value as object;
		const target = this.targets.get(v);
		if (target) return target;
		if (isDate(v)) return new Date((v as Date).getTime());
		if (Array.isArray(v)) return v.map((item) => this.toHost(item));
		if (isPlainObject(v)) {
			const out: Record<string, unknown> = {};
			for (const [k, item] of Object.entries(v)) out[k] = this.toHost(item);
			return out;
		}
		return v;
	}

	/** An Error of the script's realm carrying a runtime error's message. */
	toScriptError(error: unknown): Error {
		const message = error instanceof Error ? error.message : String(error);
		const scriptError = new this.realm.Error(message);
		scriptError.name = "Exception";
		return scriptError;
	}

	private serviceProxy(target: object): object {
		const existing = this.proxies.get(target);
		if (existing) return existing;
		const typeName = String(target);
		const proxy = new Proxy(target, {
			get: (obj, prop) => {
				const member = Reflect.get(obj, prop, obj);
				if (typeof prop === "symbol") return member;
				if (typeof member !== "function") return this.toScript(member);
				if (prop === "toString") return () => typeName;
				return (...args: unknown[]) => {
					try {
						this.counter.hit(`${typeName}.${prop}`);
						const result = member.apply(
							obj,
							args.map((a) => this.toHost(a)),
						);
						return this.toScript(result);
					} catch (error) {
						throw this.toScriptError(error);
					}
				};
			},
			set: () => false,
			defineProperty: () => false,
			deleteProperty: () => false,
		});
		this.proxies.set(target, proxy);
		this.targets.set(proxy, target);
		return proxy;
	}
}
