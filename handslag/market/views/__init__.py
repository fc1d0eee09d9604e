"""The market's pages: calls and applications (calls), dialogue events and RFIs (dialogue)."""
