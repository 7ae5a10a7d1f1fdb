/**
 * A browser without a screen: fetch with a cookie jar, redirects not followed (tests look at each
 * one), forms posted as a browser posts them. Enough to walk the sign-in pages as a person would.
 */
export interface Page {
  status: number;
  headers: Headers;
  text: string;
  location?: string;
}

export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** The raw Set-Cookie lines of the last response, for checking their attributes. */
  lastSetCookies: string[] = [];

  async request(method: string, path: string, options: { form?: Record<string, string>; json?: unknown; headers?: Record<string, string> } = {}): Promise<Page> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    let body: string | undefined;
    if (options.form) {
      body = new URLSearchParams(options.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    }
    const url = path.startsWith('http') ? path : `${this.baseUrl}${path}`;
    const response = await fetch(url, { method, headers, body, redirect: 'manual' });
    this.lastSetCookies = response.headers.getSetCookie();
    for (const line of this.lastSetCookies) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: response.status, headers: response.headers, text: await response.text(), location: response.headers.get('location') ?? undefined };
  }

  get(path: string, headers?: Record<string, string>): Promise<Page> {
    return this.request('GET', path, { headers });
  }

  /** The value of a hidden or text input in the page, as a browser would submit it. */
  static field(html: string, name: string): string | undefined {
    const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
    const value = input && /value="([^"]*)"/.exec(input)?.[1];
    return value?.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }

  /** Opens the sign-in page and submits the form with these values. */
  async signIn(loginId: string, password: string, next?: string): Promise<Page> {
    const form = await this.get(`/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
    return this.request('POST', '/login', {
      form: { loginId, password, next: Browser.field(form.text, 'next') ?? '/', formToken: Browser.field(form.text, 'formToken') ?? '' },
    });
  }

  /** GET /api/v1/me as JSON. */
  async me(): Promise<{ status: number; body: any }> {
    const page = await this.get('/api/v1/me');
    return { status: page.status, body: page.text ? JSON.parse(page.text) : undefined };
  }
}
