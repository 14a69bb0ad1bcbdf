# A host that declares two VMs. The first uses the nested `macvtap = { }`
# form with a typo in the mode; the second has its mode set to null.
{ lib, ... }:
{
  microvm.vms = {
    db.config = {
      microvm.interfaces = [{
        type = "macvtap";
        id = "vm-db";
        mac = "02:00:00:00:00:02";
        macvtap = {
          link = "enp3s0";
          mode = "brigde";
        };
      }];
    };
    ci.config = {
      microvm.interfaces = [
        { type = "macvtap"; id = "vm-ci"; mac = "02:00:00:00:00:03"; macvtap = { link = "enp3s0"; mode = null; }; }
      ];
    };
  };
}
