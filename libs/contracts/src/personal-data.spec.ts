import { MASK, maskIdNumber, maskPhone, maskStudentNumber } from './personal-data';

describe('maskPhone', () => {
  it('shows a mainland mobile as 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone(' 13800138000 ')).toBe('138****8000');
  });

  it('keeps only the last 4 characters of any other number (landline, Hong Kong, with a country code)', () => {
    expect(maskPhone('010-88886666')).toBe('********6666');
    expect(maskPhone('+852 91234567')).toBe('*********4567');
    expect(maskPhone('+86 13812341234')).toBe('***********1234');
    expect(maskPhone('12345678901')).toBe('*******8901'); // 11 digits, but not a mobile (1 then 2)
  });

  it('masks a short value entirely', () => {
    for (const short of ['', '1234', '110']) expect(maskPhone(short)).toBe(MASK);
    expect(maskPhone('12345')).toBe('*2345');
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 3 and the last 4 characters of a 居民身份证号', () => {
    expect(maskIdNumber('110101199003071234')).toBe('110***********1234');
    expect(maskIdNumber('11010119900307123X')).toBe('110***********123X');
    expect(maskIdNumber('E12345678')).toBe('E12**5678'); // a passport number
  });

  it('masks 8 characters or fewer entirely', () => {
    for (const short of ['', 'A123', '12345678']) expect(maskIdNumber(short)).toBe(MASK);
  });
});

describe('maskStudentNumber', () => {
  it('shows the last 4 characters behind 4 stars, whatever the length', () => {
    expect(maskStudentNumber('20230145')).toBe('****0145');
    expect(maskStudentNumber('2019010145')).toBe('****0145');
    expect(maskStudentNumber('G330106201501010145')).toBe('****0145');
    expect(maskStudentNumber('12345')).toBe('****2345');
  });

  it('masks 4 characters or fewer entirely', () => {
    for (const short of ['', '0145', '7']) expect(maskStudentNumber(short)).toBe(MASK);
  });
});
