-- Where a device stands in the branch ("у входа", "2 этаж, у лифта"): the tablets say which
-- kiosk a customer waits at by its code and its place. Given with the enrolment code, so a
-- device enrolled with it has it from the start; changed later with `device-place`.
ALTER TABLE enrollment_codes ADD COLUMN place text CHECK (char_length(place) <= 60);
ALTER TABLE devices ADD COLUMN place text CHECK (char_length(place) <= 60);
