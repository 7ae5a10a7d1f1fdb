/** Starts test/support/oidc-provider/provider.mjs as a child process and stops it again. */
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface TestProviderConfig {
  clients: Record<string, unknown>[];
  accounts?: Record<string, Record<string, string>>;
  idTokenTtl?: number;
  port?: number;
}

export class TestOpenIdProvider {
  private constructor(
    readonly issuer: string,
    private readonly child: ChildProcess,
    readonly output: () => string,
  ) {}

  static async start(config: TestProviderConfig): Promise<TestOpenIdProvider> {
    const child = spawn(process.execPath, [join(__dirname, 'provider.mjs')], {
      env: { ...process.env, OIDC_TEST_CONFIG: JSON.stringify(config), NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (d) => (output = (output + d).slice(-20_000)));
    const issuer = await new Promise<string>((resolve, reject) => {
      let line = '';
      child.stdout.on('data', (d) => {
        line += d;
        const end = line.indexOf('\n');
        if (end >= 0) resolve(line.slice(0, end).trim());
      });
      child.once('exit', (code) => reject(new Error(`the OpenID provider exited with ${code}: ${output}`)));
      setTimeout(() => reject(new Error(`the OpenID provider did not start: ${output}`)), 20_000).unref();
    });
    return new TestOpenIdProvider(issuer, child, () => output);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const gone = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await gone;
  }
}
