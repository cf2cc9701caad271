import type { Messages } from './messages';
import { plural } from './plural';

export const en: Messages = {
  appName: 'Okno',
  callStaff: 'Call staff',
  cancel: 'Cancel',
  next: 'Next',
  erase: 'Delete',
  repeat: 'Repeat',
  goBack: 'Go back',
  keypadLabel: 'Digits',
  langSwitch: 'Русский',
  sizeLarge: 'Large text',
  sizeNormal: 'Normal text',
  contrastHigh: 'High contrast',
  contrastNormal: 'Normal colours',
  voiceOn: 'Voice: on',
  voiceOff: 'Voice: off',

  statusOffline: (queued: number) =>
    queued > 0
      ? `No connection to the server. Everything is saved: ${plural('en', queued, { one: 'transaction is', few: 'transactions are', many: 'transactions are' })} waiting to be sent.`
      : 'No connection to the server. The kiosk works and saves everything.',

  welcomeTitle: 'Hello!',
  welcomeLead: 'What would you like to do?',
  welcomePickup: 'Pick up an order',
  welcomeScanHint: 'Or hold your order code to the scanner.',
  welcomeSpeech: 'Hello! To pick up an order, press the big button “Pick up an order”, or hold your order code to the scanner.',

  codeTitle: 'Enter your order code',
  codeHint: 'The code is in the text message or on the order slip. It has 8 digits.',
  codeSpeech: 'Enter your order code with the digits below. The code is in the text message or on the order slip and has eight digits. Then press “Next”.',
  codeErrLength: (n: number) => `The code has 8 digits, but ${plural('en', n, { one: 'digit was', few: 'digits were', many: 'digits were' })} entered. Please check the code.`,
  codeErrCheckDigit: 'There is a mistake in the code: one digit is wrong or two are swapped. Please check it and try again.',
  codeErrNotFound: 'There is no order with this code here. Please check the code. If the order is for another shop, staff will help.',
  codeErrPickedUp: 'This order has already been picked up. If that is wrong, please call staff.',
  codeErrCancelled: 'This order was cancelled. Staff can tell you more.',

  phoneTitle: 'Last 4 digits of your phone',
  phoneHint: 'Of the number given in the order.',
  phoneSpeech: 'Enter the last four digits of the phone number given in the order. Then press “Next”.',
  phoneErr: 'The digits do not match. Please look at the number in your phone and try again.',
  phoneErrLength: 'Please enter 4 digits.',

  orderTitle: 'Your order',
  orderCode: 'Order code',
  orderFor: 'For',
  orderPhone: 'Phone',
  orderTotal: 'Total',
  orderPaid: 'Paid',
  orderToPay: 'To pay',
  orderItemsCount: (n: number) => plural('en', n, { one: 'item', few: 'items', many: 'items' }),
  orderIsMine: 'Yes, this is my order',
  orderUnpaidNote: 'This order is not paid yet. Staff will take the payment in cash or by card.',
  orderSpeech: (items: number, paid: boolean) =>
    `Your order is found. It has ${plural('en', items, { one: 'item', few: 'items', many: 'items' })}. ${paid ? 'It is paid.' : 'It is not paid yet; staff will take the payment.'} If this is your order, press “Yes, this is my order”.`,

  summaryTitle: 'Check your goods',
  summaryLead: 'Check that you have all the goods and that they are undamaged. Then confirm.',
  summaryConfirm: 'I confirm: I have my goods',
  summarySpeech: 'Check that you have all the goods and that they are undamaged. If everything is fine, press “I confirm”. If not, press “Cancel” or call staff.',

  doneTitle: 'Done! Take your receipt',
  doneTitleNoPaper: 'Done! Your order is handed over and recorded',
  doneLead: 'Thank you! Please take the receipt from the printer.',
  doneLeadWarranty: 'Thank you! Please take the receipt and the warranty slips from the printer.',
  printPaperOut: 'The printer has run out of paper, so the receipt did not print.',
  printCoverOpen: 'The printer cover is open, so the receipt did not print.',
  printOffline: 'The printer does not answer, so the receipt did not print.',
  printMaybe: 'The printer stopped while printing: the receipt may be incomplete.',
  printFailed: 'The receipt did not print.',
  donePrintHelp: 'Staff will give you the receipt at the service desk. Your order is recorded; nothing is lost.',
  staffPrinter: (problem: string) => `For staff: ${problem}`,
  printerProblemPaperOut: 'the printer is out of paper',
  printerProblemCoverOpen: 'the printer cover is open',
  printerProblemOffline: 'the printer does not answer',
  doneFinish: 'Finish',
  doneSpeech: 'Done. Please take your receipt. Thank you for your purchase!',
  receiptPreview: 'Your receipt',

  staffTitle: 'A staff member will help you',
  staffLead: 'Please go to the “Okno” service desk. It is to the right of the entrance.',
  staffTooMany: 'It did not work several times. That happens. Staff will help.',
  staffSpeech: 'A staff member will help you. Please go to the Okno service desk. It is to the right of the entrance.',

  idleTitle: 'Are you still there?',
  idleLead: (seconds: number) =>
    `In ${plural('en', seconds, { one: 'second', few: 'seconds', many: 'seconds' })} the screen will be cleared so that nobody else sees your order.`,
  idleMore: 'I need more time',
  idleSpeech: 'Are you still there? The screen will be cleared soon. If you need more time, press the big button.',

  enrolTitle: 'Kiosk setup',
  enrolLead: 'This kiosk is not connected to the server yet. Staff: enter the enrolment code from the administrator.',
  enrolCode: 'Enrolment code',
  enrolSubmit: 'Connect',
  enrolBusy: 'Connecting…',
  enrolErrCode: 'The code did not work: it is wrong, used or expired. Ask the administrator for a new one.',
  enrolErrDevice: 'The kiosk cannot keep its key safely: the computer’s keyring is not working. An engineer is needed (docs/operations.md, "Keyring").',
  enrolErrNetwork: 'No connection to the server. Check the network and try again.',
  enrolSpeech: 'This kiosk is not connected yet. Please call staff.',
};
