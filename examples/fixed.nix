# The same guest written correctly: nothing to report.
{ config, lib, pkgs, ... }:
{
  microvm.interfaces = [
    {
      type = "macvtap";
      id = "vm-web";
      mac = "02:00:00:00:00:01";
      macvtap = {
        link = "eth0";
        mode = "bridge";
      };
    }
    {
      type = "tap";
      id = "vm-web-tap";
      mac = "02:00:00:00:00:11";
    }
  ];
}
