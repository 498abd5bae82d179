import { Account } from '../../auth/session';
import { mayRemovePhoto } from './photoRemoval';

const account = (id: string, role: Account['role'], schoolId = 'S1'): Account => ({ id, username: id, name: id, role, schoolId, posts: [] });
const photo = { uploadedBy: 'li' };
const open = { schoolId: 'S1', status: 'completed' as const };

describe('removing a photo (删除照片) is offered', () => {
  it('to its uploader and to a school admin of the same school', () => {
    expect(mayRemovePhoto(account('li', 'school-staff'), photo, open)).toBe(true);
    expect(mayRemovePhoto(account('wang', 'school-admin'), photo, open)).toBe(true);
  });

  it('not to a colleague, another school, the bureau, an auditor or nobody', () => {
    expect(mayRemovePhoto(account('zhou', 'school-staff'), photo, open)).toBe(false);
    expect(mayRemovePhoto(account('li', 'school-staff', 'S2'), photo, open)).toBe(false);
    expect(mayRemovePhoto(account('qian', 'school-admin', 'S2'), photo, open)).toBe(false);
    expect(mayRemovePhoto({ ...account('chen', 'bureau-official'), schoolId: undefined }, photo, open)).toBe(false);
    expect(mayRemovePhoto({ ...account('sun', 'auditor'), schoolId: undefined }, photo, open)).toBe(false);
    expect(mayRemovePhoto(undefined, photo, open)).toBe(false);
  });

  it('not once the reporter verified the repair', () => {
    expect(mayRemovePhoto(account('li', 'school-staff'), photo, { schoolId: 'S1', status: 'verified' })).toBe(false);
    expect(mayRemovePhoto(account('wang', 'school-admin'), photo, { schoolId: 'S1', status: 'verified' })).toBe(false);
  });
});
