# The router VM's own config, imported by ./host.nix.
{
  microvm.interfaces = [
    {
      type = "tap";
      id = "vm-router";
      mac = "02:00:00:00:02:01";
    }
  ];
  networking.hostName = "router";
}
