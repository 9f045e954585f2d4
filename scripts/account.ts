/**
 * Accounts from the command line, for the first office account of a database without demo
 * data and for a forgotten password:
 *   npm run account -- create --username zhangsan --name 张三 --role office
 *   npm run account -- create --username li4 --name 李四 --role inspector --cert 320800ZF0001
 *   npm run account -- reset --username zhangsan
 *   npm run account -- list
 * A new password is generated and printed once (or taken from ACCOUNT_PASSWORD); only its
 * scrypt hash is stored. Works while the product is running on the bundled database.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { AccountsService } from '../src/accounts/accounts.service';
import { AccountQuery, MIN_PASSWORD, ROLES } from '../src/accounts/dto/account.dto';
import type { Role } from '../src/auth/user-account.entity';
import { DomainError } from '../src/common/domain-error';
import { openProductDatabase } from './support/script-database';

const USAGE = `用法：
  npm run account -- create --username 用户名 --name 姓名 --role office|inspector [--cert 执法证号]
  npm run account -- reset --username 用户名
  npm run account -- list`;

function newPassword(): string {
  const given = process.env.ACCOUNT_PASSWORD;
  if (given !== undefined) {
    if (given.length < MIN_PASSWORD) throw new DomainError('VALIDATION_FAILED', `ACCOUNT_PASSWORD 至少 ${MIN_PASSWORD} 个字符`);
    return given;
  }
  return randomBytes(12).toString('base64url');
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, cert: { type: 'string' } },
  });
  const [command] = positionals;
  if (!['create', 'reset', 'list'].includes(command ?? '')) throw new DomainError('VALIDATION_FAILED', USAGE);
  const { ds, close } = await openProductDatabase();
  try {
    const accounts = new AccountsService(ds);
    if (command === 'list') {
      const page = await accounts.list(Object.assign(new AccountQuery(), { pageSize: 500 }));
      for (const a of page.items) {
        process.stdout.write(`${a.username}\t${a.displayName}\t${ROLES[a.role]}\t${a.active ? '启用' : '停用'}${a.inspectorName ? `\t${a.inspectorName}` : ''}\n`);
      }
      return;
    }
    if (!values.username) throw new DomainError('VALIDATION_FAILED', `请用 --username 指定用户名\n${USAGE}`);
    const password = newPassword();
    if (command === 'create') {
      const role = values.role as Role;
      if (!(role in ROLES)) throw new DomainError('VALIDATION_FAILED', `请用 --role 指定角色：office（政策法规处）或 inspector（执法检查人员）\n${USAGE}`);
      let inspectorId: number | undefined;
      if (role === 'inspector') {
        if (!values.cert) throw new DomainError('VALIDATION_FAILED', '执法检查人员账号须用 --cert 指定其执法证号');
        const [i] = await ds.query<{ id: number }[]>('SELECT id FROM inspector WHERE cert_no = $1', [values.cert]);
        if (!i) throw new DomainError('NOT_FOUND', `执法人员名录库中没有执法证号“${values.cert}”`);
        inspectorId = i.id;
      }
      const a = await accounts.create({ username: values.username, displayName: values.name ?? values.username, role, inspectorId, password });
      process.stdout.write(`已创建账号 ${a.username}（${ROLES[a.role]}）\n`);
    } else {
      const [a] = await ds.query<{ id: number }[]>('SELECT id FROM user_account WHERE username = $1', [values.username]);
      if (!a) throw new DomainError('NOT_FOUND', `没有用户名为“${values.username}”的账号`);
      await accounts.resetPassword(a.id, password);
      process.stdout.write(`已重设 ${values.username} 的密码，原有登录全部失效\n`);
    }
    if (process.env.ACCOUNT_PASSWORD === undefined) process.stdout.write(`初始密码（只显示这一次，请登录后修改）：${password}\n`);
  } finally {
    await close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof DomainError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
