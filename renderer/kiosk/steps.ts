/**
 * How many steps each flow shows («Шаг 2 из 4»): a pickup is the code (or the phone's
 * digits), the order, the goods (waiting, then checking them), the receipt; a passbook is
 * the card, the book, the printout. A scanned code starts at step 2.
 */
export const PICKUP_STEPS = 4;
export const PASSBOOK_STEPS = 3;
