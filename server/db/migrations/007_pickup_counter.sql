-- The pickup counter: a customer at a kiosk waits for their order's goods, staff bring them.
CREATE TABLE pickup_waits (
  order_code text COLLATE "C" PRIMARY KEY REFERENCES pickup_orders(code),
  device_id uuid NOT NULL REFERENCES devices(id),   -- the kiosk where the customer waits (the latest)
  status text NOT NULL CHECK (status IN ('waiting', 'brought')),
  waited_at timestamptz NOT NULL,
  brought_by_session uuid REFERENCES staff_sessions(id),
  brought_at timestamptz
);
