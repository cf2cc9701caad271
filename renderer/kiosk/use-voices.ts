import { useEffect, useState } from 'react';
import type { SpeechVoices } from '../../shared/protocol/device-status';
import { useServices } from '../app/services';

/**
 * Which languages the kiosk can speak, once its host has said (until then: none, so no
 * voice button appears and then vanishes): the voice toggle and «Повторить» show only
 * where speech works.
 */
export function useVoices(): SpeechVoices {
  const { host } = useServices();
  const [voices, setVoices] = useState<SpeechVoices>({ ru: false, en: false });
  useEffect(() => {
    let live = true;
    void host.speech.voices().then((known) => { if (live) setVoices(known); });
    return () => { live = false; };
  }, [host]);
  return voices;
}
