"""The administrator's capability: employers and their contracts, accounts (invite, switch
off, unlock) and care teams with their doctor ↔ employer assignments. Nothing medical."""
