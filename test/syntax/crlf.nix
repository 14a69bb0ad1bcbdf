# CRLF line endings: a guest module.
{ config, lib, ... }:
{
  microvm.interfaces = [{
    type = "macvtap";
    id = "vm-crlf";
    macvtap = {
      link = "eth0";
      mode = "bridge";
    };
  }];
  environment.etc."motd".text = ''
    Welcome to ${config.networking.hostName}
    ''${not interpolated}
  '';
  /* block
     comment */
  enabled = lib.mkDefault true;
}
