import { maskPersonalData, maskText } from './personal-data';

describe("personal data in the auditors' answers", () => {
  it('masks the phone of an AccountCreated as 138****1234, and leaves who, what and which record readable', () => {
    const payload = {
      accountId: '6f1c1d2e-8a4b-5c3d-9e8f-0a1b2c3d4e5f',
      schoolId: 'S001',
      username: 'li.lei',
      displayName: '李雷',
      phone: '13812341234',
      role: 'school-staff',
      posts: ['guard'],
      credentialId: '3b0e7a52-1389-4c11-9f3e-138123412340',
      mustChangePassword: true,
      source: 'manual',
      createdBy: 'admin',
      createdAt: '2026-11-30T08:00:00.000Z',
    };
    expect(maskPersonalData(payload)).toEqual({ ...payload, phone: '138****1234' });
    expect(payload.phone).toBe('13812341234'); // a copy: the event itself is untouched
  });

  it('masks ID numbers and health data wherever a field names them, nested or in lists', () => {
    const payload = {
      staff: [{ name: '王芳', idNumber: '11010119900307123X', contact_phone: '+86 010-8888 6666', healthCertificate: { number: 'JK2026-0042', validUntil: '2027-06-30' } }],
      student: { 身份证号: '110101200501011234', allergies: ['花生', '海鲜'], bodyTemperature: 38.5, symptoms: '发热、咳嗽', hasFever: true },
      floorAreaM2: 12500,
      students: 13812341234, // a count, not a phone: numbers outside phone fields stay
    };
    expect(maskPersonalData(payload)).toEqual({
      staff: [{ name: '王芳', idNumber: '110***********123X', contact_phone: '*************6666', healthCertificate: { number: '***', validUntil: '***' } }],
      student: { 身份证号: '110***********1234', allergies: ['***', '***'], bodyTemperature: '***', symptoms: '***', hasFever: true },
      floorAreaM2: 12500,
      students: 13812341234,
    });
  });

  it('masks mobile and ID numbers written inside free text, not ids, hashes or dates', () => {
    expect(maskText('请联系王老师13812341234（身份证110101199003071234）')).toBe('请联系王老师138****1234（身份证110***********1234）');
    const untouched = ['WorkOrder-a13812341234', '3b0e7a52-1389-4c11-9f3e-138123412340', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', '2026-11-30T08:00:00.000Z', '138123412345'];
    for (const text of untouched) expect(maskText(text)).toBe(text);
  });

  it('masks short or odd values entirely rather than show them', () => {
    expect(maskPersonalData({ phone: '1234', idCard: 'A123', studentNumber: '0145' })).toEqual({ phone: '***', idCard: '***', studentNumber: '***' });
    expect(maskPersonalData({ phone: null, idCard: undefined })).toEqual({ phone: null, idCard: undefined });
  });
});

describe("students' data in the history", () => {
  it('shows a boarding student by the last 4 characters of the number (as facilities does) and the first character of the name', () => {
    const masked = maskPersonalData({ bed: 3, studentNumber: 'G330106201501010145', studentName: '王小明', from: { studentNumber: '2019010145' } });
    expect(masked).toEqual({ bed: 3, studentNumber: '****0145', studentName: '王**', from: { studentNumber: '****0145' } });
  });
});
