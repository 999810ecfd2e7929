import { describe, expect, it } from 'vitest';
import { analyzeUpTo } from '../../helpers/documents.js';

async function roles(text: string) {
  const doc = await analyzeUpTo(text, 'roles');
  return doc.entities
    .filter((e) => e.roles)
    .map((e) => ({ name: e.name, roles: e.roles!.map((r) => ({ title: r.title, of: r.of === null ? null : doc.entities[r.of]!.name })) }));
}

describe('RoleStage', () => {
  it('reads a role in an apposition after the name', async () => {
    expect(await roles('Naim Qassem, deputy secretary-general of Hezbollah, spoke.')).toEqual([
      { name: 'Naim Qassem', roles: [{ title: 'deputy secretary-general', of: 'Hezbollah' }] },
    ]);
  });

  it('reads a role written before the name, with or without a possessive', async () => {
    expect(await roles('Hezbollah’s deputy leader Naim Qassem spoke.')).toEqual([
      { name: 'Naim Qassem', roles: [{ title: 'deputy leader', of: 'Hezbollah' }] },
    ]);
    expect(await roles("The head of Hamas's political bureau, Ismail Haniyeh, arrived.")).toEqual([
      { name: 'Ismail Haniyeh', roles: [{ title: 'head of political bureau', of: 'Hamas' }] },
    ]);
  });

  it('a role before a name reaches back over no verb and no preposition', async () => {
    const found = await roles('A Peruvian judge ordered veteran reporter Lucia Paredes back to jail on the orders of Judge Hugo Salas.');
    expect(found).toEqual([
      { name: 'Lucia Paredes', roles: [{ title: 'veteran reporter', of: null }] },
      { name: 'Hugo Salas', roles: [{ title: 'judge', of: null }] },
    ]);
  });

  it('gives no role where none is stated', async () => {
    expect(await roles('Naim Qassem arrived in Beirut on Monday.')).toEqual([]);
  });
});
