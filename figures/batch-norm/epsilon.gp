# epsilon.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot epsilon.gp                  writes epsilon.png and epsilon.svg
#   gnuplot -c epsilon.gp terminal      draws it in the terminal
#   gnuplot -c epsilon.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'epsilon.png'
svg_file = (ARGC > 2) ? ARG3 : 'epsilon.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 1200,500 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 1200,500 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 120,30 noenhanced; set output }
  set multiplot layout 1,2 title 'Where ε = 1e-6 outweighs the batch variance, x̂ shrinks layer after layer'
  # — panel 'x̂''s RMS per layer at the start' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'x̂''s RMS per layer at the start'; set xlabel 'weight scale σ'; set ylabel 'RMS of x̂ (first 100 training images)'
  set xrange [6.666666667e-05:1.5]; set yrange [0:1.05]
  set format x '% h'
  set format y '% h'
  set logscale x; set format x '%g'
  set key default; set key bottom right opaque
  plot 'epsilon.dat' using 1:7 with linespoints lw 1.5 pi 1 ps 1 title 'layer 1', \
       'epsilon.dat' using 1:8 with linespoints lw 1.5 pi 1 ps 1 title 'layer 2', \
       'epsilon.dat' using 1:9 with linespoints lw 1.5 pi 1 ps 1 title 'layer 3', \
       'epsilon.dat' using 1:10 with linespoints lw 1.5 pi 1 ps 1 title 'layer 4', \
       'epsilon.dat' using 1:11 with linespoints lw 1.5 pi 1 ps 1 title 'layer 5'
  # — panel 'x̂''s RMS per layer after training' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'x̂''s RMS per layer after training'; set xlabel 'weight scale σ'; set ylabel 'RMS of x̂ (first 100 training images)'
  set xrange [6.666666667e-05:1.5]; set yrange [0:1.05]
  set format x '% h'
  set format y '% h'
  set logscale x; set format x '%g'
  set key default; set key bottom right opaque
  plot 'epsilon.dat' using 1:12 with linespoints lw 1.5 pi 1 ps 1 title 'layer 1', \
       'epsilon.dat' using 1:13 with linespoints lw 1.5 pi 1 ps 1 title 'layer 2', \
       'epsilon.dat' using 1:14 with linespoints lw 1.5 pi 1 ps 1 title 'layer 3', \
       'epsilon.dat' using 1:15 with linespoints lw 1.5 pi 1 ps 1 title 'layer 4', \
       'epsilon.dat' using 1:16 with linespoints lw 1.5 pi 1 ps 1 title 'layer 5'
  unset multiplot
  set output
}
