# A MicroVM.nix guest with a macvtap interface that has no mode:
# the VM would not start. MicroVM Lint flags the `type` line.
{ config, lib, pkgs, ... }:
{
  microvm = {
    hypervisor = "qemu";
    vcpu = 2;
    mem = 1024;
    interfaces = [
      {
        type = "macvtap";
        id = "vm-web";
        mac = "02:00:00:00:00:01";
        macvtap.link = "eth0";
      }
    ];
  };

  networking.hostName = "web";
  system.stateVersion = "24.11";
}
