import type { ReactNode } from 'react';
import { Heading } from './Heading';

/**
 * Every kiosk screen has the same shape, as a bank's ATM does: where the customer is in the
 * flow («Шаг 2 из 4»), one title, the content, and at the bottom an action bar with the
 * main action always on the right and the way back always on the left (either may be
 * absent; its place stays). `reach` holds what the customer touches besides those (a
 * keypad, the first choices): on a portrait panel it sits low, within reach from a
 * wheelchair (kiosk.css, `--reach`); `picture` shows what words cannot, beside the text
 * on a landscape panel and above the touch area on a portrait one.
 */
export function ScreenFrame(props: {
  name: string;
  title: string;
  step?: string | undefined;
  picture?: ReactNode;
  /** a list (the order's goods): beside the text on a landscape panel, under it on a portrait one, with the height left */
  list?: ReactNode;
  reach?: ReactNode;
  back?: ReactNode;
  main?: ReactNode;
  /** a screen without a way back or a main action (the welcome screen) puts its settings there */
  bar?: ReactNode;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <div className={`screen screen-${props.name}`} data-testid={props.testId}>
      <div className="screen-text">
        {props.step && <p className="step" data-testid="step">{props.step}</p>}
        <Heading>{props.title}</Heading>
        {props.children}
      </div>
      {props.list && <div className="screen-list">{props.list}</div>}
      {props.picture && <div className="screen-picture">{props.picture}</div>}
      {props.reach && <div className="screen-reach">{props.reach}</div>}
      <div className="action-bar">
        {props.bar ?? (
          <>
            <div className="action-back">{props.back}</div>
            <div className="action-main">{props.main}</div>
          </>
        )}
      </div>
    </div>
  );
}
