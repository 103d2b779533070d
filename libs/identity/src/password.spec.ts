import { DEMO_PASSWORD } from './demo-users';
import { passwordProblems } from './password';

describe('passwordProblems: at least 10 characters, not the username, not common', () => {
  it.each([
    ['12345678', 'huyen.simacai', ['minLength', 'notCommon']],
    ['password', 'huyen.simacai', ['minLength', 'notCommon']],
    ['        ', 'huyen.simacai', ['minLength', 'notCommon']],
    ['          ', 'huyen.simacai', ['notCommon']],
    ['1234567890', 'huyen.simacai', ['notCommon']],
    ['password123', 'huyen.simacai', ['notCommon']],
    ['qwertyuiop', 'huyen.simacai', ['notCommon']],
    ['trustno1trustno1', 'huyen.simacai', ['notCommon']],
    ['huyen.simacai', 'huyen.simacai', ['notUsername', 'notCommon']],
    ['HUYEN.SIMACAI', 'huyen.simacai', ['notUsername', 'notCommon']],
    ['huyen.simacai1', 'huyen.simacai', ['notCommon']],
    ['Qz7#vLp2x', 'huyen.simacai', ['minLength']],
  ])('%j for %s breaks %j', (password, username, rules) => {
    expect(passwordProblems(password, username).map((p) => p.rule)).toEqual(rules);
  });

  it.each([DEMO_PASSWORD, 'Chè Shan tuyết 2027', 'Lao Cai OCOP 2027', 'mận-bắc-hà-ngon'])('accepts %j', (password) => {
    expect(passwordProblems(password, 'huyen.simacai')).toEqual([]);
  });
});
