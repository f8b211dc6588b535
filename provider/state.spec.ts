import { describe, expect, it } from 'vitest';
import { defaultTypeFor, typesForPair } from './association-types.js';
import { sandboxRandom } from './random.js';
import { Store } from './state.js';

const CONTACT = '0-1';
const COMPANY = '0-2';
const label142 = typesForPair(CONTACT, COMPANY).find((definition) => definition.typeId === 142);

describe('the store keeps per-type counts and the sorted targets right through every write', () => {
  it('counts each type once per target, and forgets it on archive (pair or record)', () => {
    const store = new Store(sandboxRandom(1));
    const company = store.createRecord(COMPANY, {}, 0).id;
    const contacts = Array.from({ length: 4 }, () => store.createRecord(CONTACT, {}, 0).id);
    const count = (typeId: number) => store.countWithType(COMPANY, company, CONTACT, typeId);
    for (const contact of contacts) store.associate(contact, company, defaultTypeFor(CONTACT, COMPANY));
    store.associate(contacts[0] ?? '', company, defaultTypeFor(CONTACT, COMPANY)); // twice: no change
    if (label142) store.associate(contacts[1] ?? '', company, label142);
    expect([count(280), count(143)]).toEqual([4, 1]);
    store.archiveAssociations(CONTACT, contacts[1] ?? '', COMPANY, company);
    expect([count(280), count(143)]).toEqual([3, 0]);
    store.archiveRecord(CONTACT, contacts[2] ?? '');
    expect(count(280)).toBe(2);
    expect(store.countWithType(CONTACT, contacts[3] ?? '', COMPANY, 279)).toBe(1);
  });

  it('lists targets in ID order, and a write after a read shows in the next read', () => {
    const store = new Store(sandboxRandom(2));
    const company = store.createRecord(COMPANY, {}, 0).id;
    const contacts = Array.from({ length: 6 }, () => store.createRecord(CONTACT, {}, 0).id);
    const listed = () => store.associationsOf(COMPANY, company, CONTACT).map((target) => target.toId);
    const byId = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
    for (const contact of contacts.slice(0, 3)) store.associate(contact, company, defaultTypeFor(CONTACT, COMPANY));
    expect(listed()).toEqual(contacts.slice(0, 3).sort(byId));
    // Read twice, sorted once: the same list until the next write.
    expect(store.associationsOf(COMPANY, company, CONTACT)).toBe(store.associationsOf(COMPANY, company, CONTACT));
    for (const contact of contacts.slice(3)) store.associate(contact, company, defaultTypeFor(CONTACT, COMPANY));
    store.archiveAssociations(COMPANY, company, CONTACT, contacts[0] ?? '');
    expect(listed()).toEqual(contacts.slice(1).sort(byId));
  });
});
