import { ApiError, asErrorBody, describeError, fieldErrorsFor } from './errors';

const body400 = {
  statusCode: 400,
  error: 'Bad Request',
  message: 'Validation failed',
  messageZh: '请求参数校验失败',
  errors: [
    { field: 'title', message: 'title should not be empty', messageZh: '报修标题不能为空', constraint: 'isNotEmpty' },
    { field: 'schoolId', message: 'property schoolId should not exist', messageZh: '不允许的字段 schoolId', constraint: 'whitelistValidation' },
  ],
};

describe('the API error mapping', () => {
  it('turns a 400 into messages beside the form fields, and the others into text', () => {
    const error = new ApiError(400, asErrorBody(body400));
    const { fields, rest } = fieldErrorsFor(error, ['title', 'location'], 'zh-CN');
    expect(fields).toEqual([{ name: ['title'], errors: ['报修标题不能为空'] }]);
    expect(rest).toEqual(['schoolId: 不允许的字段 schoolId']);
    expect(fieldErrorsFor(error, ['title'], 'en').fields[0].errors).toEqual(['title should not be empty']);
  });

  it('says a clear sentence for 401, 403, 404, 409 and 503, in both languages', () => {
    for (const status of [401, 403, 404, 409, 503]) {
      const error = new ApiError(status, asErrorBody({ statusCode: status, error: 'x', message: 'Forbidden', messageZh: '无权访问' }));
      expect(describeError(error, 'zh-CN').title).toMatch(/[\u4e00-\u9fff]/);
      expect(describeError(error, 'en').title).toMatch(/^[A-Z]/);
    }
    expect(describeError(new ApiError(404), 'zh-CN').title).toContain('不属于您的学校');
  });

  it("adds the server's specific reason (a domain refusal) but not its generic phrase", () => {
    const refusal = new ApiError(403, asErrorBody({ statusCode: 403, error: 'Forbidden', message: 'Only the reporter may verify', messageZh: '只能由报修人验收', code: 'not-reporter' }));
    expect(describeError(refusal, 'zh-CN')).toEqual({ title: '您没有权限执行此操作。', detail: '只能由报修人验收' });
    const generic = new ApiError(403, asErrorBody({ statusCode: 403, error: 'Forbidden', message: 'Forbidden resource', messageZh: '无权访问' }));
    expect(describeError(generic, 'zh-CN').detail).toBeUndefined();
  });

  it('names an unreachable server, and reads nothing into a body that is not an error body', () => {
    expect(describeError(new ApiError(0), 'zh-CN').title).toContain('无法连接服务器');
    expect(asErrorBody('<html>502</html>')).toBeUndefined();
    expect(describeError(new ApiError(502), 'en').title).toContain('cannot be reached');
  });
});
