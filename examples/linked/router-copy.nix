# A guest copied from ./router.nix that kept its MAC: both files get a
# mac-duplicate error, each pointing at the other.
{
  microvm.interfaces = [
    {
      type = "tap";
      id = "vm-router2";
      mac = "02:00:00:00:02:01";
    }
  ];
  networking.hostName = "router2";
}
