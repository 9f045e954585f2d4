/** Progress on stderr: rewritten in place on a terminal, a line every `logEvery` rows in a log. */
export function progressLine(label: string, total?: number, logEvery = 100_000) {
  const tty = process.stderr.isTTY;
  const started = Date.now();
  let lastLogged = 0;
  const text = (n: number) => {
    const secs = (Date.now() - started) / 1000;
    const rate = secs > 0 ? Math.round(n / secs) : 0;
    const pct = total ? `${Math.floor((n * 100) / total)}% ` : '';
    return `${label}：${pct}${n.toLocaleString('en-US')}${total ? ` / ${total.toLocaleString('en-US')}` : ''} 行（${rate.toLocaleString('en-US')} 行/秒）`;
  };
  return {
    update(n: number): void {
      if (tty) process.stderr.write(`\r${text(n)}`);
      else if (n - lastLogged >= logEvery) {
        lastLogged = n;
        process.stderr.write(`${text(n)}\n`);
      }
    },
    done(n: number): void {
      process.stderr.write(tty ? `\r${text(n)}\n` : `${text(n)}\n`);
    },
  };
}
