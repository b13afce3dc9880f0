/** `$0.0421`, `$1.25`, `0.50 EUR`: small amounts keep enough digits to be told apart. */
export function formatMoney(amount: number, currency = 'USD'): string {
  const digits = amount !== 0 && Math.abs(amount) < 1 ? 4 : 2;
  let text = amount.toFixed(digits);
  if (digits === 4) text = text.replace(/0{1,2}$/, '');
  return currency === 'USD' ? `$${text}` : `${text} ${currency}`;
}
