-- Who can hear a kiosk's call (issue 24): a tablet's event stream, or its polling, marks
-- its staff session heard every 15 s. A kiosk asks how many signed-in staff were heard in
-- the last 45 s before it tells a customer «он подойдёт».
ALTER TABLE staff_sessions ADD COLUMN heard_at timestamptz;

-- Which languages a kiosk can speak (issue 24, "voice only where there is a voice"), as it
-- last reported: {"ru": true, "en": false}; null: not reported (a tablet, an older kiosk).
ALTER TABLE device_status ADD COLUMN speech jsonb;
