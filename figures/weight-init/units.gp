# units.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot units.gp                  writes units.png and units.svg
#   gnuplot -c units.gp terminal      draws it in the terminal
#   gnuplot -c units.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'units.png'
svg_file = (ARGC > 2) ? ARG3 : 'units.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 800,560 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 800,560 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 100,30 noenhanced; set output }
  set multiplot layout 1,1
  # — panel 'Xavier: spread within each unit (across inputs, solid) and between units (dashed)' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Xavier: spread within each unit (across inputs, solid) and between units (dashed)'; set xlabel 'layer'; set ylabel 'standard deviation'
  set xrange [0.5:5.5]; set yrange [0.0001:1]
  set format x '% h'
  set format y '% h'
  set logscale y; set format y '%g'
  set key default; set key bottom left opaque
  plot 'units.dat' using 1:12 with linespoints lw 1.5 pi 1 ps 1 lc rgb '#1f77b4' title 'sigmoid-xavier within', \
       'units.dat' using 1:13 with linespoints lw 1.5 pi 1 ps 1 dt 2 lc rgb '#1f77b4' title 'sigmoid-xavier between', \
       'units.dat' using 1:17 with linespoints lw 1.5 pi 1 ps 1 lc rgb '#d62728' title 'tanh-xavier within', \
       'units.dat' using 1:18 with linespoints lw 1.5 pi 1 ps 1 dt 2 lc rgb '#d62728' title 'tanh-xavier between'
  unset multiplot
  set output
}
