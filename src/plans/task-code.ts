/** 文号 of a task, as 淮应急抽查〔2026〕3号. */
export function taskCode(docPrefix: string, year: number, seq: number): string {
  return `${docPrefix}抽查〔${year}〕${seq}号`;
}
