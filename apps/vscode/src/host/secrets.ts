import type * as vscode from 'vscode';

/**
 * API keys, one SecretStorage slot per provider and secret field (`retouch.secret.queue.apiKey`).
 * Nothing here ever touches settings files.
 */
export class ProviderSecrets {
  constructor(private readonly storage: vscode.SecretStorage) {}

  private slot(providerId: string, field: string): string {
    return `retouch.secret.${providerId}.${field}`;
  }

  async get(providerId: string, field: string): Promise<string | undefined> {
    return (await this.storage.get(this.slot(providerId, field))) || undefined;
  }

  /** The stored values of `fields`, keyed by field; missing ones are left out. */
  async values(providerId: string, fields: readonly string[]): Promise<Record<string, string>> {
    const found: Record<string, string> = {};
    for (const field of fields) {
      const value = await this.get(providerId, field);
      if (value) found[field] = value;
    }
    return found;
  }

  async store(providerId: string, field: string, value: string): Promise<void> {
    await this.storage.store(this.slot(providerId, field), value);
  }

  async delete(providerId: string, fields: readonly string[]): Promise<number> {
    let deleted = 0;
    for (const field of fields) {
      if (await this.get(providerId, field)) deleted++;
      await this.storage.delete(this.slot(providerId, field));
    }
    return deleted;
  }
}
