# Lambdas, formals (three styles), inherit and attribute names.
{ a, b ? 1, c ? { x = 1; }, ... }@args:
{
  lib,
  stdenv ? null,
  ...
}:
{ pkgs
, config
, extra ? [ ]
}:
let
  inc = x: x + 1;
  add = x: y: x + y;
  pair = { first, second }: [ first second ];
  whole = self@{ name, ... }: self // { inherit name; };
  inherit (lib) mkIf mkOption types;
  inherit (pkgs.lib.strings) concatStringsSep;
  inherit pkgs "quoted-name";
in
{
  "quoted".name = 1;
  a.${b}.c = 2;
  "${a}-suffix" = 3;
  nested.attr.path = inc (add 1 2);
  value = pair { first = 1; second = 2; };
  opt = mkOption { type = types.bool; default = false; };
  cond = mkIf (config.services.foo.enable or false) { x = 1; };
  joined = concatStringsSep ", " [ "a" "b" ];
  list = [ inc add pkgs.hello (inc 1) ];
}
